import { fromMarkdown } from 'mdast-util-from-markdown';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import type { Root } from 'mdast';
import { frontmatter } from 'micromark-extension-frontmatter';
import { gfm } from 'micromark-extension-gfm';

// Extensions are built once: building them per document costs more than small documents.
const withFrontMatter = {
  extensions: [gfm(), frontmatter(['yaml'])],
  mdastExtensions: [gfmFromMarkdown(), frontmatterFromMarkdown(['yaml'])],
};
const gfmOnly = { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] };

/** Markdown (CommonMark + GFM, YAML front matter unless `gfmOnly`) to an mdast tree. */
export function parseMarkdown(markdown: string, options: { gfmOnly?: boolean } = {}): Root {
  return fromMarkdown(markdown, options.gfmOnly ? gfmOnly : withFrontMatter);
}
