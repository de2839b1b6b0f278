// Stand-in for multer's DiskStorage (the registry is out of reach): a destination function's folder is used as it
// is (multer does not create it), and each file is written there with fs.createWriteStream, as multer does.
const fs = require('fs');
const path = require('path');

function diskStorage(opts) {
  return opts;
}

function multer(options) {
  const storage = options.storage;
  return {
    receive(file, done) {
      storage.destination({}, file, (err, destination) => {
        if (err) return done(err);
        storage.filename({}, file, (err2, filename) => {
          if (err2) return done(err2);
          const target = path.join(destination, filename);
          const out = fs.createWriteStream(target);
          out.on('error', done);
          out.on('finish', () => done(null, target));
          out.end(file.content);
        });
      });
    },
  };
}

multer.diskStorage = diskStorage;
module.exports = multer;
