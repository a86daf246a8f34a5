export * from './names';
export * from './contract';
export * from './result';
export * from './transport';
export * from './client';
