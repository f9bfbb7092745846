// Runs the package as CommonJS would, including a JSON file by require.
const { getRecord, people } = require("kerry-moscow-2013");
const peopleJson = require("kerry-moscow-2013/json/people.json");

let unknown = "";
try {
  getRecord("no-such-record");
} catch (error) {
  unknown = error.constructor.name;
}
console.log(
  JSON.stringify({
    people: people.length,
    json: peopleJson.length,
    name: getRecord("john-kerry").name,
    // Each collection's CommonJS module holds the very values the entry point re-exports.
    modules: require("kerry-moscow-2013").collections.map((name) =>
      Object.values(require(`kerry-moscow-2013/${name}`)).every((value) =>
        Object.values(require("kerry-moscow-2013")).includes(value),
      ),
    ),
    unknown,
  }),
);
