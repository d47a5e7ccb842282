/** Everything a template definition (./templates/*.ts) builds with. */
export * from './nodes';
export * from './start';
export * from './app-side';
export * from './end';
