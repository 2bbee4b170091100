import Taro from '@tarojs/taro';
import { useState } from 'react';
import { errorText } from '../../api/api-error';

/** Runs one action call: busy flag, Chinese error text, toast on success. */
export function useSubmit<T>(done: (result: T) => void, successText: string) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const submit = async (run: () => Promise<T>) => {
    setBusy(true);
    setProblem(null);
    try {
      const result = await run();
      void Taro.showToast({ title: successText, icon: 'success' });
      done(result);
    } catch (error) {
      setProblem(errorText(error));
    } finally {
      setBusy(false);
    }
  };
  return { busy, problem, setProblem, submit };
}
