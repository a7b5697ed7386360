export declare const packageDir: string;
export declare const guidePath: string;
export declare function guideRegions(): Map<string, string>;
export interface QuotedSnippet {
  ref: string;
  code: string;
  line: number;
}
export declare function guideSnippets(markdown?: string): QuotedSnippet[];
export declare function guideTenantCommand(markdown?: string): string;
export declare function fenceAfter(lines: string[], marker: number): number;
