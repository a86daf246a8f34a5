export * from './document';
export * from './annotation';
export * from './settings';
