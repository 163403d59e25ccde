// Regenerates crypto/src/test/resources/vectors/js_number_samples.txt: doubles (as IEEE-754 bit
// patterns) and the string V8's Number#toString gives for each. Run: node tools/gen-js-number-samples.js
const fs = require('fs');
let seed = 12345;
function rnd() { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; }
const buf = new DataView(new ArrayBuffer(8));
const lines = [];
function add(x) {
  buf.setFloat64(0, x);
  const hex = buf.getBigUint64(0).toString(16).padStart(16, '0');
  lines.push(hex + ' ' + x.toString());
}
for (let i = 0; i < 6000; i++) {
  for (let j = 0; j < 8; j++) buf.setUint8(j, Math.floor(rnd() * 256));
  const x = buf.getFloat64(0);
  if (Number.isFinite(x)) add(x);
}
for (let i = 0; i < 3000; i++) add(Math.floor(rnd() * 1e6) / Math.pow(10, Math.floor(rnd() * 12)));
for (let i = 0; i < 2000; i++) add(rnd() * Math.pow(10, Math.floor(rnd() * 60) - 30));
for (let i = 0; i < 1000; i++) add(Math.floor(rnd() * 2 ** 30) * 2 ** Math.floor(rnd() * 60));
for (let i = 1; i < 2000; i++) add(i * 5e-324);
for (const x of [0.1, 1e21, 1e-7, 1e-6, 123e-20, 2 ** 53, 2 ** 53 + 2, 1.7976931348623157e308]) add(x);
fs.writeFileSync(__dirname + '/../crypto/src/test/resources/vectors/js_number_samples.txt', lines.join('\n') + '\n');
console.log(lines.length + ' samples');
