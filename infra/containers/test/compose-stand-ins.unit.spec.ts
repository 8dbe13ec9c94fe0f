import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { OFFICIAL_IMAGES, STAND_IN_IMAGES, type ImageName } from '../src/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const PLACEHOLDER_IMAGE = 'localhost/course-shop/not-run-here:placeholder';

interface ComposeFile {
  services: Record<string, Record<string, unknown>>;
}

function compose(path: string): ComposeFile {
  return parse(readFileSync(path, 'utf8')) as ComposeFile;
}

const base = compose(join(here, '../../../docker-compose.yml'));
const override = compose(join(here, '../compose.stand-ins.yml'));

function officialKeyOf(image: unknown): ImageName | undefined {
  return (Object.keys(OFFICIAL_IMAGES) as ImageName[]).find(
    (key) => OFFICIAL_IMAGES[key] === image,
  );
}

describe('compose.stand-ins.yml', () => {
  it('changes nothing but image:', () => {
    for (const [name, service] of Object.entries(override.services)) {
      expect({ name, keys: Object.keys(service) }).toEqual({ name, keys: ['image'] });
    }
  });

  it('swaps every official image of docker-compose.yml for its stand-in, or the placeholder when there is none', () => {
    const expected = Object.fromEntries(
      Object.entries(base.services).flatMap(([name, service]) => {
        const key = officialKeyOf(service.image);
        return key === undefined ? [] : [[name, STAND_IN_IMAGES[key] ?? PLACEHOLDER_IMAGE]];
      }),
    );
    const swapped = Object.fromEntries(
      Object.entries(override.services).map(([name, service]) => [name, service.image]),
    );
    expect(swapped).toEqual(expected);
  });
});
