// The same types seen from CommonJS: `require` of the package and of a JSON file.
import k = require("kerry-moscow-2013");
import peopleModule = require("kerry-moscow-2013/people");
import peopleJson = require("kerry-moscow-2013/json/people.json");

type Equal<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Assert<T extends true> = T;

type Checks = [
  Assert<Equal<(typeof k.people)[number], k.Person>>,
  Assert<Equal<(typeof peopleJson)[number], k.Person>>,
  Assert<Equal<ReturnType<typeof k.getRecord<"john-kerry">>, k.Person>>,
  Assert<Equal<typeof peopleModule.peopleById, typeof k.peopleById>>,
];
const person: k.Person = k.peopleById["john-kerry"];
// @ts-expect-error: "john-kery" is not the id of any person
const typo: k.PersonId = "john-kery";
const checks: Checks = [true, true, true, true];
export = [person.name, typo, checks];
