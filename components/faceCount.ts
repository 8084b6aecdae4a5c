import type { FaceCounts } from '../models/mood/mood';
import { formatNumber, plural, t } from './i18n';

/** The faces a mood was read from, in words: "3 faces", or "the 12 largest of 29 faces" in a crowd photo. */
export function faceCountText({ faceCount, facesFound }: FaceCounts): string {
  return facesFound && facesFound > faceCount
    ? t('facesLargestOf', formatNumber(faceCount), formatNumber(facesFound))
    : plural('faces', faceCount);
}
