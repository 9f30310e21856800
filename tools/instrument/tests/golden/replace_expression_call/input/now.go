package re

import "time"

func Stamp() int64 {
	t := time.Now()
	return t.Unix() + time.Now().Unix()
}
