import { adminApi } from '../../../api/admin.api';
import { orgApi } from '../../../api/org.api';
import { AdminScreen } from '../../components/admin-screen';
import { CategoryEditor } from '../../components/category-editor';

const load = () => Promise.all([adminApi.categories(), orgApi.departments()]);

/** 报事类别: add one, or change names, icons, handlers and Open311 listing. */
export default function CategoriesPage() {
  return (
    <AdminScreen load={load} title="报事类别">
      {([categories, departments], reload) => (
        <CategoryEditor categories={categories} departments={departments} onSaved={() => { orgApi.forget(); reload(); }} />
      )}
    </AdminScreen>
  );
}
