import { usePageNotFound } from '@tarojs/taro';
import Taro from '@tarojs/taro';
import { PropsWithChildren } from 'react';
import './app.css';

function App({ children }: PropsWithChildren) {
  // An unknown route (a stale link, a typo) lands on a page that says so and leads home.
  usePageNotFound(() => void Taro.redirectTo({ url: '/pages/not-found/index' }));
  return children;
}

export default App;
