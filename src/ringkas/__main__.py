import sys

from ringkas.cli import main

sys.exit(main())
