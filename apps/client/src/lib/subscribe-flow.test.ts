import Taro from '@tarojs/taro';
import { messagesApi } from '../api/messages.api';
import { askAfterReport } from './subscribe-flow';

jest.mock('../api/messages.api', () => ({ messagesApi: { consents: jest.fn(), recordConsents: jest.fn(async () => ({ items: [] })) } }));

// jest sees the H5 platform file: a browser has no subscribe messages.
describe('askAfterReport on H5', () => {
  it('never prompts nor asks the server', async () => {
    await askAfterReport();
    expect(messagesApi.consents).not.toHaveBeenCalled();
    expect(Taro.showModal).not.toHaveBeenCalled();
  });
});
