const multer = require('multer');

var storage = multer.diskStorage({
   destination: function (req, file, cb) {
      cb(null, 'uploads');
   },
   filename: function (req, file, cb) {
      cb(null, file.originalname);
   }
});
var upload = multer({ storage: storage });

// One upload at start, as a client's POST /api/upload would do; then serve.
upload.receive({ originalname: 'probe.txt', content: 'hello' }, (err, saved) => {
  if (err) {
    console.error(err.message);
    process.exit(1);
  }
  console.log('saved', saved);
  setInterval(() => {}, 1 << 30);
});
