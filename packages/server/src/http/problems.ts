/** Problem details: shared with the mocks through @hubkit/schema. */
export { PROBLEM_TYPE_BASE, languageOf, problemBody, type ProblemBody } from '@hubkit/schema';
