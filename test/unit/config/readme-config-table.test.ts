import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { settings, type Setting } from '../../../proxy/config/settings.ts';

describe('README config table', () => {
  it('documents every setting the loader reads', () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    for (const setting of Object.values(settings) as Setting[]) {
      expect(readme, setting.env).toMatch(new RegExp(`^\\| \`${setting.env}\` \\|`, 'm'));
    }
  });
});
