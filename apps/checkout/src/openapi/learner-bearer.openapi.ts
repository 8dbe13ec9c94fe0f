/** The name of the learner bearer-token security scheme in the OpenAPI document. */
export const LEARNER_BEARER = 'learnerBearer';
