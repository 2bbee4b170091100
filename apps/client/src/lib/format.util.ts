const pad = (n: number) => String(n).padStart(2, '0');

/** 2026-03-05T02:04:00Z → 03-05 10:04 (the phone's own time zone). */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function formatDate(iso: string | Date): string {
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** A span in words: 5分钟, 3小时, 2天; null under a minute. */
export function elapsed(iso: string, now: Date = new Date()): string | null {
  const minutes = Math.floor((now.getTime() - new Date(iso).getTime()) / 60000);
  if (minutes < 1) return null;
  if (minutes < 60) return `${minutes}分钟`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours}小时`;
  return `${Math.floor(hours / 24)}天`;
}

/** How long ago, in the words a resident uses: 刚刚, 5分钟前, 3小时前, 2天前. */
export function ago(iso: string, now: Date = new Date()): string {
  const span = elapsed(iso, now);
  return span ? `${span}前` : '刚刚';
}
