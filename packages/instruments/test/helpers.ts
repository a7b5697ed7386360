import { createHash } from 'node:crypto';
import { canonicalContent } from '../src/canonical.js';
import type { Item } from '@xinqiao/contracts/instruments';

export const sha256 = (text: string): string =>
  createHash('sha256').update(text, 'utf8').digest('hex');

export const contentHashOf = (items: readonly Item[]): string =>
  `sha256:${sha256(canonicalContent(items))}`;
