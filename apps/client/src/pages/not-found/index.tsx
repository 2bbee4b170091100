import { NotFound } from '../../components/not-found/not-found';
import { Screen } from '../../components/screen/screen';

/** Where an unknown route lands (app onPageNotFound): says so, with the way home. */
export default function NotFoundPage() {
  return (
    <Screen>
      <NotFound />
    </Screen>
  );
}
