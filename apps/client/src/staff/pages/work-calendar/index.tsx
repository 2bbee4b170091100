import { useMemo } from 'react';
import { adminApi } from '../../../api/admin.api';
import { AdminScreen } from '../../components/admin-screen';
import { HolidayCalendar } from '../../components/holiday-calendar';
import { shanghaiToday } from '../../components/sla-dashboard.util';

/** 工作日历: the year's 放假 and 调休, and next year's loaded from the State Council notice. */
export default function WorkCalendarPage() {
  const today = useMemo(() => shanghaiToday(), []);
  return (
    <AdminScreen load={adminApi.calendar} title="工作日历">
      {(calendar, reload) => <HolidayCalendar key={JSON.stringify(calendar)} calendar={calendar} today={today} onSaved={reload} />}
    </AdminScreen>
  );
}
