export function gzipped(file: string): number;
export function kb(bytes: number): string;
export function moduleGraph(entry: string): { files: string[]; lazy: string[] };
export function staticClosure(file: string): Set<string>;
export function closureSize(file: string): number;
export function printSizes(entries: string[]): void;
