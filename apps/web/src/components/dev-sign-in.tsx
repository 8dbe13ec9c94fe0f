import { useId, useState } from 'react';
import { useAppState } from '../app-state';
import { DEMO_LEARNERS, signInAs, SignInError } from '../lib/session';

/** Sign in through the bff's dev-token endpoint: development only, anyone may be anyone. */
export function DevSignIn() {
  const { session, setSession } = useAppState();
  const [learner, setLearner] = useState<string>(DEMO_LEARNERS[0].id);
  const [error, setError] = useState<string>();
  const selectId = useId();

  if (session) {
    return (
      <div className="sign-in">
        <span>
          Signed in as <strong>{session.name}</strong>
        </span>{' '}
        <button
          type="button"
          onClick={() => {
            setSession(undefined);
          }}
        >
          Sign out
        </button>
      </div>
    );
  }
  return (
    <form
      className="sign-in"
      aria-label="Development sign-in"
      onSubmit={(event) => {
        event.preventDefault();
        const chosen = DEMO_LEARNERS.find((l) => l.id === learner) ?? DEMO_LEARNERS[0];
        setError(undefined);
        signInAs(chosen).then(setSession, (caught: unknown) => {
          setError(caught instanceof SignInError ? caught.message : String(caught));
        });
      }}
    >
      <span className="dev-badge">Development only</span>
      <label htmlFor={selectId}>Learner</label>
      <select
        id={selectId}
        value={learner}
        onChange={(event) => {
          setLearner(event.target.value);
        }}
      >
        {DEMO_LEARNERS.map((l) => (
          <option key={l.id} value={l.id}>
            {l.name}
          </option>
        ))}
      </select>
      <button type="submit">Sign in as demo learner</button>
      {error ? (
        <p role="alert" className="error-panel">
          {error}
        </p>
      ) : null}
    </form>
  );
}
