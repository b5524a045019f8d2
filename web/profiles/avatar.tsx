import type { Photo } from '../../shared/api/directory.ts';
import './profiles.css';

const initialsOf = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((word) => word[0]?.toUpperCase() ?? '')
    .join('');

/**
 * A person's photo, or their initials when they have none. Decorative beside their name (empty alt); the
 * browser picks the size it needs from the three the server keeps.
 */
export function Avatar({
  photo,
  name,
  size = 'small',
  alt = '',
}: {
  photo: Photo | null | undefined;
  name: string;
  size?: 'tiny' | 'small' | 'medium' | 'large';
  alt?: string;
}) {
  if (!photo) {
    return (
      <span className={`avatar avatar--${size} avatar--initials`} aria-hidden="true">
        {initialsOf(name)}
      </span>
    );
  }
  const pixels = { tiny: 28, small: 48, medium: 96, large: 192 }[size];
  return (
    <img
      className={`avatar avatar--${size}`}
      src={size === 'tiny' || size === 'small' ? photo.small : photo.medium}
      srcSet={`${photo.small} 96w, ${photo.medium} 256w, ${photo.large} 512w`}
      sizes={`${pixels}px`}
      width={pixels}
      height={pixels}
      alt={alt}
      loading="lazy"
      decoding="async"
    />
  );
}
