export function reporters(name: string): Array<string | [string, Record<string, unknown>]>;
