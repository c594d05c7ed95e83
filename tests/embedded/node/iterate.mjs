// The web app's driver against a server: insert, then iterate find() and aggregate() across batches.
// Usage: node iterate.mjs URI DATABASE ; prints one JSON line of counts.
import { MongoClient } from "mongodb";

const [uri, dbName] = process.argv.slice(2);
const client = new MongoClient(uri, { serverSelectionTimeoutMS: 10000 });
try {
  const collection = client.db(dbName).collection("reports");
  await collection.insertMany(Array.from({ length: 250 }, (_, i) => ({ i, value: i / 2 })));
  const found = await collection.find({}, { batchSize: 20 }).sort({ i: 1 }).toArray();
  let iterated = 0;
  for await (const _ of collection.find({ i: { $gte: 100 } }, { batchSize: 15 })) iterated += 1;
  const aggregated = await collection.aggregate([{ $match: { i: { $lt: 200 } } }], { batchSize: 30 }).toArray();
  const ordered = found.every((doc, index) => doc.i === index);
  await client.db(dbName).dropDatabase();
  console.log(JSON.stringify({ found: found.length, ordered, iterated, aggregated: aggregated.length }));
} finally {
  await client.close();
}
