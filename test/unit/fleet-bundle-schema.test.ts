import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SCHEMA_FILES } from '../../scripts/fleet-bundle-schema.ts';

describe('the committed JSON Schema files', () => {
  for (const [path, make] of Object.entries(SCHEMA_FILES)) {
    it(`${path} is the one generated from the valibot schema (npm run schema:bundle)`, () => {
      expect(readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8')).toBe(make());
    });
  }

  it('states the version and forbids fields it does not name', () => {
    const schema = JSON.parse(SCHEMA_FILES['docs/fleet-bundle.schema.json']()) as {
      properties: { bundle: { properties: Record<string, { const?: unknown }>; additionalProperties: unknown } };
    };
    expect(schema.properties.bundle.properties['schemaVersion']?.const).toBe(2);
    expect(schema.properties.bundle.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties.bundle.properties)).toEqual(
      expect.arrayContaining(['evaluation', 'stocktakes', 'orders', 'feedbackWeeks']),
    );
  });
});
