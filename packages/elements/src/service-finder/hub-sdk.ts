/** The SDK's directory search, loaded with <hub-service-finder>'s first search. */
export { searchServices } from '@hubkit/sdk';
