/**
 * A slab's size: past the largest mmap threshold the C library moves to (32 MB), so each is mapped alone and unmapped
 * when let go. Its pages cost memory only once written, so a slab's unused tail costs none.
 */
const SLAB_BYTES = 32 * 1024 * 1024 + 64 * 1024;

/**
 * The kept files of one snapshot, copied side by side into large slabs rather than one small allocation each.
 *
 * Thousands of small buffers land in the C library's heap between the short-lived chunks of the archive, and when a
 * snapshot is let go that heap stays fragmented: the process keeps its peak memory for good. A slab is its own mapping,
 * returned to the system whole once the snapshot's last file is no longer referenced.
 */
export function createFileSlabs() {
  let slab = new Uint8Array(0);
  let used = 0;
  /** Bytes of slabs already full, and of files stored alone. */
  let filled = 0;
  return {
    /** The file made of `chunks` (`size` bytes in all), as a view of a slab. */
    store(chunks: readonly Uint8Array[], size: number): Uint8Array {
      if (size > SLAB_BYTES / 4) {
        filled += size;
        return copy(chunks, Buffer.allocUnsafeSlow(size), 0, size);
      }
      if (used + size > slab.length) {
        filled += used;
        slab = Buffer.allocUnsafeSlow(SLAB_BYTES);
        used = 0;
      }
      const file = copy(chunks, slab, used, size);
      used += size;
      return file;
    },
    /** The bytes the files take in memory: a slab's unwritten tail takes none. */
    bytes: () => filled + used,
  };
}

function copy(chunks: readonly Uint8Array[], into: Uint8Array, at: number, size: number): Uint8Array {
  let offset = at;
  for (const chunk of chunks) {
    into.set(chunk, offset);
    offset += chunk.length;
  }
  return into.subarray(at, at + size);
}
