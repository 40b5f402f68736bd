// Dates as people read them. ISO strings ("2026-11-23") come from the backend.

export function parseIsoDate(iso: string): Date {
  const [y, m, d] = iso.split("-").map(Number);
  return new Date(y, m - 1, d);
}

export function formatDate(iso: string): string {
  return parseIsoDate(iso).toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric" });
}

/** "unborn (due 3 Mar 2027)", "7 months", "1 year", "4 years" on `today`. */
export function ageText(birthIso: string, unborn: boolean, today: Date = new Date()): string {
  const birth = parseIsoDate(birthIso);
  if (unborn || today < birth) return `unborn (due ${formatDate(birthIso)})`;
  let months = (today.getFullYear() - birth.getFullYear()) * 12 + today.getMonth() - birth.getMonth();
  if (today.getDate() < birth.getDate()) months -= 1;
  if (months < 12) return months === 1 ? "1 month" : `${months} months`;
  const years = Math.floor(months / 12);
  return years === 1 ? "1 year" : `${years} years`;
}

export function todayIso(today: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${today.getFullYear()}-${pad(today.getMonth() + 1)}-${pad(today.getDate())}`;
}

/** A backend time stamp ("2026-11-23T14:02:05+00:00", local time) as "23 Nov 2026 at 14:02". */
export function formatStamp(stamp: string): string {
  const time = /T(\d\d:\d\d)/.exec(stamp)?.[1];
  return time ? `${formatDate(stamp.slice(0, 10))} at ${time}` : formatDate(stamp.slice(0, 10));
}
