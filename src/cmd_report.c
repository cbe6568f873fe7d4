/* cmd_report: being written. */
#include "cli.h"
