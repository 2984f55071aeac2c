/**
 * npm run release -- --key release-key.pem [--with-node] [--out DIR]
 *   Stages the release (kiosk/stage-release.sh: app built, service bundled,
 *   production dependencies) and packs it into a signed bundle
 *   DIR/shop-terminal-<version>-<arch>.shoprelease for a USB stick.
 *   Stage on the terminal's architecture (arm64 for a Pi): native addons are built for it.
 * npm run release -- --new-key DIR
 *   Makes an Ed25519 key pair: DIR/release-key.pem (keep it secret, off the terminals) and
 *   DIR/release-key.pub.pem (install.sh --release-key puts it on each terminal).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { newReleaseKeyPair, packReleaseBundle, RELEASE_EXTENSION } from '../device/release-bundle.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: {
    key: { type: 'string' },
    'new-key': { type: 'string' },
    'with-node': { type: 'boolean' },
    out: { type: 'string', default: 'release' },
  },
});

if (values['new-key']) {
  const dir = resolve(values['new-key']);
  mkdirSync(dir, { recursive: true });
  const { privateKeyPem, publicKeyPem } = newReleaseKeyPair();
  writeFileSync(join(dir, 'release-key.pem'), privateKeyPem, { mode: 0o600, flag: 'wx' });
  writeFileSync(join(dir, 'release-key.pub.pem'), publicKeyPem, { flag: 'wx' });
  console.log(`release keys in ${dir}: release-key.pem (secret) and release-key.pub.pem (for the terminals)`);
  process.exit(0);
}
if (!values.key) {
  console.error('usage: npm run release -- --key release-key.pem [--with-node] [--out DIR]   (make a key with --new-key DIR)');
  process.exit(2);
}
const work = mkdtempSync(join(tmpdir(), 'shop-release-'));
try {
  const staged = join(work, 'staged');
  execFileSync('bash', [join(ROOT, 'kiosk/stage-release.sh'), ROOT, staged, ...(values['with-node'] ? ['--with-node'] : [])], {
    stdio: 'inherit',
  });
  const version = (JSON.parse(readFileSync(join(staged, 'package.json'), 'utf8')) as { version: string }).version;
  const outDir = resolve(values.out);
  mkdirSync(outDir, { recursive: true });
  const out = join(outDir, `shop-terminal-${version}-${process.arch}${RELEASE_EXTENSION}`);
  const manifest = await packReleaseBundle({ stagedDir: staged, out, privateKeyPem: readFileSync(values.key, 'utf8') });
  console.log(`release ${manifest.version} (${manifest.arch}, ${(manifest.releaseBytes / 1e6).toFixed(1)} MB): ${out}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
