#include "cbaseline.h"
