import type { Box } from '../models/mood/faces';
import { t } from './i18n';

/** The analysed image with a box on each face, so the user sees what was read. */
export function Snapshot({ src, width, height, boxes }: { src: string; width: number; height: number; boxes: Box[] }) {
  return (
    <figure class="snapshot">
      <img src={src} alt={t('snapshotAlt')} />
      {boxes.map((b, i) => (
        <span
          key={i}
          class="face-box"
          data-testid="face-box"
          style={{
            left: `${(b.x / width) * 100}%`,
            top: `${(b.y / height) * 100}%`,
            width: `${(b.width / width) * 100}%`,
            height: `${(b.height / height) * 100}%`,
          }}
        />
      ))}
    </figure>
  );
}
