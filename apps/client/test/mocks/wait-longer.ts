import { configure } from '@testing-library/react';

// findBy…/waitFor give up after 1 s by default. CI runs these tests on two cores beside a browser
// and an API under test, where a re-render after a resolved promise has taken longer than that
// (nearby-tickets' "following" state failed so). Waiting longer changes nothing when the element
// comes, and a test whose element never comes still fails, after 5 s.
configure({ asyncUtilTimeout: 5_000 });
