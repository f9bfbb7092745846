// Plain JavaScript, so that the page script shares it with the build without a compile step.

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/**
 * A calendar date in words, the same in every locale: `2013-05-07` reads "7 May 2013", `2013-05`
 * "May 2013", `2013` "2013". Anything else is undefined.
 * @param {string} text
 * @returns {string | undefined}
 */
export function dateInWords(text) {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(text);
  if (!match) return undefined;
  const [, year, month, day] = match;
  return [day ? String(Number(day)) : "", month ? MONTHS[Number(month) - 1] : "", year]
    .filter(Boolean)
    .join(" ");
}
