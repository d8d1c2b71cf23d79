import './provider.ts';
