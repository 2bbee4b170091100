import { QueryFailedError, QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { DatabaseUnavailableError, isConnectFailure, isDatabaseUnavailable } from './database-unavailable';

const pgError = (code: string, message = 'x') => Object.assign(new Error(message), { code });
const wrapped = (driverError: Error) => new QueryFailedError('SELECT 1', [], driverError);

describe('isDatabaseUnavailable: which errors mean "PostgreSQL is away" (503) rather than a bug (500) or a bad request', () => {
  it.each([
    ['connection refused', pgError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['refused on every address (AggregateError)', Object.assign(new AggregateError([pgError('ECONNREFUSED')], ''), { code: 'ECONNREFUSED' })],
    ['57P01 admin_shutdown during a query', wrapped(pgError('57P01', 'terminating connection due to administrator command'))],
    ['57P03 cannot_connect_now', pgError('57P03', 'the database system is starting up')],
    ['08006 connection_failure', pgError('08006')],
    ['08P01 protocol_violation (class 08)', pgError('08P01')],
    ['the socket closed mid-query', new Error('Connection terminated unexpectedly')],
    ['a new connection timed out', new Error('Connection terminated due to connection timeout', { cause: new Error('Connection terminated') })],
    ['no free pool client in time', new Error('timeout exceeded when trying to connect')],
    ['no answer within query_timeout', new Error('Query read timeout')],
    ['the transaction runner released after its connection died', new QueryRunnerProviderAlreadyReleasedError()],
    ['a released runner asked again', new QueryRunnerAlreadyReleasedError()],
    ['the circuit is open', new DatabaseUnavailableError()],
  ])('%s → unavailable', (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['unique violation', wrapped(pgError('23505'))],
    ['serialization failure (a lost race: 409)', wrapped(pgError('40001'))],
    ['statement timeout of a slow query', wrapped(pgError('57014', 'canceling statement due to statement timeout'))],
    ['syntax error', wrapped(pgError('42601'))],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['not an error', 'ECONNREFUSED'],
  ])('%s → not unavailable', (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });

  it('a busy pool is no outage: it does not open the circuit, a refused or timed-out connection does', () => {
    expect(isConnectFailure(new Error('timeout exceeded when trying to connect'))).toBe(false);
    expect(isConnectFailure(new Error('Connection terminated due to connection timeout'))).toBe(true);
    expect(isConnectFailure(pgError('ECONNREFUSED'))).toBe(true);
  });
});
