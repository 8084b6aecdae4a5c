export * from './emotions';
export * from './circumplex';
export * from './faces';
export * from './mood';
