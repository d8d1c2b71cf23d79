/** This SDK's version, sent in `User-Agent` and `Hubkit-Client` (a test holds it to package.json). */
export const VERSION = '0.1.0';
