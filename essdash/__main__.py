from essdash.cli import main

raise SystemExit(main())
