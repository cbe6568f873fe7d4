/* cmd_exam: being written. */
#include "cli.h"
