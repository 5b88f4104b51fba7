// The crypto chunk. Elements load it with `await import('.')`, so a
// page that never signs or verifies never downloads it.
export * from './canonical-json';
export * from './der';
export * from './envelope';
export * from './hex';
export * from './sm';
export * from './seal';
