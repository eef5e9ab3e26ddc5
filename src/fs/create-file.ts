/**
 * Creating a new file with given bytes, step by step through a port's own operations. The real
 * port does it in one synchronous go (see node.ts); ports that wrap or fake the disk use this, so
 * a fault can still land on each step (open, every write, fstat, chmod, chown, fsync, close).
 */
import type { CreateFileOptions, FileStat, FsPort } from './port.js';

export async function createFileStepByStep(port: FsPort, path: string, data: Uint8Array, options: CreateFileOptions): Promise<FileStat> {
  const handle = await port.open(path, 'create-exclusive', options.mode ?? 0o666);
  let open = true;
  try {
    let offset = 0;
    while (offset < data.length) {
      const written = await port.write(handle, data, offset, data.length - offset);
      if (written <= 0) break;
      offset += written;
    }
    const stat = await port.fstat(handle);
    if (options.mode !== undefined && stat.mode !== options.mode) await port.fchmod(handle, options.mode);
    if (options.owner !== undefined && (stat.uid !== options.owner.uid || stat.gid !== options.owner.gid)) {
      await port.fchown(handle, options.owner.uid, options.owner.gid);
    }
    if (options.sync) await port.fsync(handle);
    open = false;
    await port.close(handle);
    return stat;
  } finally {
    if (open) await port.close(handle).catch(() => undefined);
  }
}
