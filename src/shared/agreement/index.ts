export * from './agreement';
export * from './coefficients';
export * from './spans';
export * from './compare';
export * from './relations';
