import type { Box } from '../models/mood/faces';
import { onScreen, type VideoOnScreen } from '../models/image/frame';
import { t } from './i18n';

/** An image that was read: a photo or frame as it is, or a screenshot of a tab of which only the video was read. */
export interface Picture {
  src: string;
  video: VideoOnScreen | null;
}

/**
 * The analysed image with a box on each face, so the user sees what was read: of a screenshot, only its video (the
 * boxes are in the read part's pixels, `width` × `height`).
 */
export function Snapshot({
  picture,
  width = 1,
  height = 1,
  boxes = [],
  thumb = false,
}: {
  picture: Picture;
  width?: number;
  height?: number;
  boxes?: Box[];
  /** Small, while it is read. */
  thumb?: boolean;
}) {
  const part = picture.video && onScreen(picture.video);
  const viewport = picture.video?.viewport;
  return (
    <figure
      class={thumb ? 'snapshot snapshot-thumb' : 'snapshot'}
      style={part ? { aspectRatio: `${part.width} / ${part.height}` } : undefined}
    >
      <img
        src={picture.src}
        alt={t('snapshotAlt')}
        style={
          part && viewport
            ? {
                position: 'absolute',
                maxWidth: 'none',
                width: `${(viewport.width / part.width) * 100}%`,
                left: `${(-part.x / part.width) * 100}%`,
                top: `${(-part.y / part.height) * 100}%`,
              }
            : undefined
        }
      />
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
