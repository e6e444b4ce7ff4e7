// Prints N lines of 80 characters (79 + newline) as fast as stdout takes them: the
// producer of the live-output benchmarks. Line i is recognisable: "line <i> " padded with x.
const total = Number(process.argv[2] ?? 1000);
const width = 79;
const batch = 1000;
let index = 0;

function chunk() {
  let text = '';
  const end = Math.min(index + batch, total);
  for (; index < end; index++) {
    const head = `line ${index} `;
    text += head + 'x'.repeat(width - head.length) + '\n';
  }
  return text;
}

function pump() {
  while (index < total) {
    if (!process.stdout.write(chunk())) {
      process.stdout.once('drain', pump);
      return;
    }
  }
}

pump();
