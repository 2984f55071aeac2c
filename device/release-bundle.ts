/**
 * Release bundles for offline updates: one file (a tar) holding
 *   release.tar.gz   the staged release (kiosk/stage-release.sh: app, service, dependencies, maybe node)
 *   manifest.json    version, architecture, the SHA-256 and size of release.tar.gz
 *   manifest.sig     Ed25519 signature of manifest.json (base64)
 * The terminal trusts a bundle when the signature verifies against its public
 * key (/etc/shop-terminal/release-key.pem) and release.tar.gz matches the
 * manifest. Ed25519 and SHA-256 are node:crypto's; tar is the system's.
 */
import { execFile } from 'node:child_process';
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const RELEASE_EXTENSION = '.shoprelease';

export interface ReleaseManifest {
  format: 1;
  name: 'shop-terminal';
  version: string;
  /** process.arch of the machine that staged it: native addons only run there. */
  arch: string;
  createdAt: string;
  releaseSha256: string;
  releaseBytes: number;
}

export class ReleaseBundleError extends Error {
  override name = 'ReleaseBundleError';
}

/** Pack a staged release directory into a signed bundle at `out`. */
export async function packReleaseBundle(options: {
  stagedDir: string;
  out: string;
  privateKeyPem: string;
  arch?: string;
  now?: Date;
}): Promise<ReleaseManifest> {
  const work = await mkdtemp(join(options.out, '..', '.release-'));
  try {
    const pkg = JSON.parse(await readFile(join(options.stagedDir, 'package.json'), 'utf8')) as { version: string };
    const tarball = join(work, 'release.tar.gz');
    await run('tar', ['-C', options.stagedDir, '-czf', tarball, '.']);
    const manifest: ReleaseManifest = {
      format: 1,
      name: 'shop-terminal',
      version: pkg.version,
      arch: options.arch ?? process.arch,
      createdAt: (options.now ?? new Date()).toISOString(),
      releaseSha256: await sha256File(tarball),
      releaseBytes: (await stat(tarball)).size,
    };
    const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
    await writeFile(join(work, 'manifest.json'), manifestBytes);
    const signature = sign(null, manifestBytes, createPrivateKey(options.privateKeyPem));
    await writeFile(join(work, 'manifest.sig'), `${signature.toString('base64')}\n`);
    await run('tar', ['-C', work, '-cf', options.out, 'manifest.json', 'manifest.sig', 'release.tar.gz']);
    return manifest;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/**
 * Unpack a bundle into `into` (a fresh directory) and check it: signature
 * against the public key, then the release archive against the manifest.
 * Returns the manifest and the path of the checked release.tar.gz.
 */
export async function openReleaseBundle(
  bundle: string,
  into: string,
  publicKeyPem: string,
): Promise<{ manifest: ReleaseManifest; tarball: string }> {
  try {
    await run('tar', ['-C', into, '-xf', bundle, 'manifest.json', 'manifest.sig', 'release.tar.gz']);
  } catch {
    throw new ReleaseBundleError('not a release bundle (manifest.json, manifest.sig and release.tar.gz expected)');
  }
  const manifestBytes = await readFile(join(into, 'manifest.json'));
  const signature = Buffer.from((await readFile(join(into, 'manifest.sig'), 'utf8')).trim(), 'base64');
  let trusted = false;
  try {
    trusted = verify(null, manifestBytes, createPublicKey(publicKeyPem), signature);
  } catch {
    trusted = false;
  }
  if (!trusted) throw new ReleaseBundleError('the signature does not match this terminal’s release key: not installed');
  const manifest = JSON.parse(manifestBytes.toString('utf8')) as ReleaseManifest;
  if (manifest.format !== 1 || manifest.name !== 'shop-terminal' || !/^[0-9A-Za-z.+-]{1,64}$/.test(manifest.version)) {
    throw new ReleaseBundleError('the manifest is not a shop terminal release');
  }
  const tarball = join(into, 'release.tar.gz');
  if ((await stat(tarball)).size !== manifest.releaseBytes || (await sha256File(tarball)) !== manifest.releaseSha256) {
    throw new ReleaseBundleError('the release archive does not match its checksum: the bundle is damaged');
  }
  return { manifest, tarball };
}

/** A new Ed25519 key pair, PEM encoded. */
export function newReleaseKeyPair(): { privateKeyPem: string; publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}
