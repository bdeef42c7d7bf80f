/** Side of the example thumbnails the Class page asks for, CSS pixels (28-px Fashion-MNIST images at 2×). */
export const THUMBNAIL_SIZE = 56;
