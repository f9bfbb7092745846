/** A calendar date in words, the same in every locale: `2013-05-07` reads "7 May 2013". */
export function dateInWords(text: string): string | undefined;
