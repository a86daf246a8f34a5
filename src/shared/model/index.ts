export * from './document';
export * from './annotation';
export * from './settings';
export * from './entity';
export * from './pdf';
export * from './rules';
export * from './repair';
export * from './team';
