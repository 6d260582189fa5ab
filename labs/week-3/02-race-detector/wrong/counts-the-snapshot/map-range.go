package main

import (
	"fmt"
	"sync"
)

func main() {
	scores := map[string]int{"ada": 3, "grace": 5}
	snapshot := map[string]int{}
	for name, s := range scores {
		snapshot[name] = s
	}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		scores["linus"] = 4
	}()
	total := 0
	for _, s := range snapshot {
		total += s
	}
	wg.Wait()
	fmt.Println("total:", total)
	fmt.Println("players:", len(snapshot))
}
